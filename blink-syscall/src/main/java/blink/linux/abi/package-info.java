/** Linux x86-64 structure layouts as the guest reads and writes them. */
package blink.linux.abi;
