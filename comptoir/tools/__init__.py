"""The owner's tools: what acts on a built site or around it (publish, preview,
bench, write; the coming digest and stats). A tool may use the core and read
what a build's plugins made; no plugin imports a tool. Only tools talk to
the network (SSH, FTP, S3, SMTP), and none changes a build's output.

``publish`` puts the output online, ``preview`` serves it on this computer
(and rebuilds it on save), ``bench`` measures the build against stock
Pelican; the coming ``digest`` and ``stats`` belong here too. A tool may use
the core and read what a build's plugins made; no plugin imports a tool, and
only tools talk to the network (SSH, FTP, S3, SMTP).
"""
