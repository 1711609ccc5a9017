package blink.loader;

/** The user and group ids Linux reports in the auxiliary vector. */
public record Credentials(long uid, long euid, long gid, long egid) {}
