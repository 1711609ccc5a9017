/**
 * The files the emulator provides itself: /proc for the guest process (its maps,
 * stat, status, cmdline, environ, auxv, fd links) and the system (cpuinfo,
 * meminfo, uptime, version, mounts), and the /dev nodes and aliases.
 */
package blink.linux.proc;
