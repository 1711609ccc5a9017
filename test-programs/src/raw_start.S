/* No libc: walk the initial stack that the kernel builds (argc, argv[],
 * NULL, envp[], NULL, auxv) and print argc, each argv string, the number of
 * environment strings and whether AT_PAGESZ is 4096; then exit_group with
 * status 3.  Also checks that RSP is 16-byte aligned at _start and that
 * RDX (the atexit pointer on entry) is zero. */
        .globl  _start
        .text
_start:
        mov     %rsp, %r12              /* r12 = initial stack */
        mov     %rdx, %r15              /* rdx at entry */
        test    $15, %rsp
        jz      1f
        lea     msg_unaligned(%rip), %rsi
        call    puts
1:      test    %r15, %r15
        jz      2f
        lea     msg_rdx(%rip), %rsi
        call    puts
2:      mov     (%r12), %r13            /* argc */
        lea     msg_argc(%rip), %rsi
        call    puts
        mov     %r13, %rax
        call    putnum
        /* argv strings, skipping argv[0] (its spelling may differ) */
        lea     16(%r12), %rbx          /* &argv[1] */
3:      mov     (%rbx), %rsi
        test    %rsi, %rsi
        jz      4f
        push    %rsi
        lea     msg_arg(%rip), %rsi
        call    puts
        pop     %rsi
        call    puts
        lea     msg_nl(%rip), %rsi
        call    puts
        add     $8, %rbx
        jmp     3b
4:      add     $8, %rbx                /* skip NULL: now at envp */
        xor     %r14, %r14
5:      cmpq    $0, (%rbx)
        je      6f
        inc     %r14
        add     $8, %rbx
        jmp     5b
6:      add     $8, %rbx                /* auxv */
        lea     msg_envc(%rip), %rsi
        call    puts
        mov     %r14, %rax
        call    putnum
        xor     %r14, %r14              /* found flag */
7:      mov     (%rbx), %rax
        test    %rax, %rax
        jz      9f
        cmp     $6, %rax                /* AT_PAGESZ */
        jne     8f
        cmpq    $4096, 8(%rbx)
        jne     8f
        mov     $1, %r14
8:      add     $16, %rbx
        jmp     7b
9:      lea     msg_pagesz(%rip), %rsi
        call    puts
        mov     %r14, %rax
        call    putnum
        mov     $231, %eax              /* exit_group(3) */
        mov     $3, %edi
        syscall
        hlt

/* puts: write the NUL-terminated string at %rsi to stdout */
puts:
        mov     %rsi, %rdx
10:     cmpb    $0, (%rdx)
        je      11f
        inc     %rdx
        jmp     10b
11:     sub     %rsi, %rdx
        mov     $1, %eax
        mov     $1, %edi
        syscall
        ret

/* putnum: print %rax in decimal followed by a newline */
putnum:
        sub     $32, %rsp
        lea     31(%rsp), %rsi
        movb    $10, (%rsi)
        mov     $10, %ecx
12:     xor     %edx, %edx
        div     %rcx
        add     $'0', %dl
        dec     %rsi
        mov     %dl, (%rsi)
        test    %rax, %rax
        jnz     12b
        lea     32(%rsp), %rdx
        sub     %rsi, %rdx
        mov     $1, %eax
        mov     $1, %edi
        syscall
        add     $32, %rsp
        ret

        .section .rodata
msg_unaligned:  .asciz "rsp not 16-byte aligned at _start\n"
msg_rdx:        .asciz "rdx not zero at _start\n"
msg_argc:       .asciz "argc="
msg_arg:        .asciz "arg: "
msg_nl:         .asciz "\n"
msg_envc:       .asciz "envc="
msg_pagesz:     .asciz "AT_PAGESZ==4096: "
        .section .note.GNU-stack,"",@progbits
