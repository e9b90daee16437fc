# Reads a message with Python's email package (an independent MIME parser) and prints what it found.
# usage: python3 parse_mime.py MESSAGE.eml
import sys
from email import policy
from email.parser import BytesParser

msg = BytesParser(policy=policy.default).parse(open(sys.argv[1], "rb"))
print("subject:", msg["subject"])
print("from:", msg["from"])
print("to:", msg["to"])
print("message-id:", msg["message-id"])
print("list-unsubscribe:", msg["list-unsubscribe"])
print("list-unsubscribe-post:", msg["list-unsubscribe-post"])
print("content-type:", msg.get_content_type())
for part in msg.iter_parts():
    body = part.get_content()
    print("part:", part.get_content_type(), part.get_content_charset(), len(body))
    if part.get_content_type() == "text/plain":
        print("text-starts:", body.strip().splitlines()[0])
print("defects:", len(msg.defects) + sum(len(p.defects) for p in msg.walk()))
