/work/main/target/debug/deps/satchel_wire-a211e05f343fb187.d: wire/src/lib.rs wire/src/cloudike.rs wire/src/name.rs

/work/main/target/debug/deps/satchel_wire-a211e05f343fb187: wire/src/lib.rs wire/src/cloudike.rs wire/src/name.rs

wire/src/lib.rs:
wire/src/cloudike.rs:
wire/src/name.rs:
