/* runcs-init (initexe/main.c and the shim, linked statically), embedded in runcs. */
    .section .rodata.runcs_init_image, "a"
    .balign 16
    .globl runcs_init_image_start
    .hidden runcs_init_image_start
runcs_init_image_start:
    .incbin "build/runcs-init"
    .globl runcs_init_image_end
    .hidden runcs_init_image_end
runcs_init_image_end:
    .section .note.GNU-stack, "", @progbits
