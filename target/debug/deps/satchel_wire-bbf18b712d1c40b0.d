/work/main/target/debug/deps/satchel_wire-bbf18b712d1c40b0.d: wire/src/lib.rs wire/src/cloudike.rs wire/src/name.rs

/work/main/target/debug/deps/libsatchel_wire-bbf18b712d1c40b0.rlib: wire/src/lib.rs wire/src/cloudike.rs wire/src/name.rs

/work/main/target/debug/deps/libsatchel_wire-bbf18b712d1c40b0.rmeta: wire/src/lib.rs wire/src/cloudike.rs wire/src/name.rs

wire/src/lib.rs:
wire/src/cloudike.rs:
wire/src/name.rs:
