# Verifies the DKIM signature of a message with dkimpy (Debian python3-dkim), an implementation nobody here wrote.
# The public key comes from a file instead of DNS (this machine has no DNS for example.org).
# usage: python3 verify_dkim.py MESSAGE.eml DKIM-TXT-RECORD-FILE
import sys
import dkim

message = open(sys.argv[1], "rb").read()
record = open(sys.argv[2], "rb").read().strip()

def dns(name, timeout=5):
    return record

ok = dkim.verify(message, dnsfunc=dns)
sig = dkim.DKIM(message)
print("dkim", "pass" if ok else "fail")
sys.exit(0 if ok else 1)
