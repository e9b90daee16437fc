package io.herald.people;

/** What templates/people/invite.txt and invite.html show. */
public record InviteView(String publication, String name, String role, String invitedBy, String link, long hours) {}
