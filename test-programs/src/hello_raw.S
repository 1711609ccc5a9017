/* hello world with raw system calls and no libc: write(1, msg, len); exit(0). */
        .globl _start
        .text
_start:
        mov     $1, %eax                /* SYS_write */
        mov     $1, %edi
        lea     msg(%rip), %rsi
        mov     $len, %edx
        syscall
        mov     $60, %eax               /* SYS_exit */
        xor     %edi, %edi
        syscall
        hlt

        .section .rodata
msg:    .ascii  "hello world\n"
        .set    len, . - msg
        .section .note.GNU-stack,"",@progbits
