package io.herald.signup;

/** What templates/signup/confirm.* see: the publication, the lists' names, the confirmation link and its lifetime. */
public record ConfirmView(String publication, String lists, String link, long hours) {}
