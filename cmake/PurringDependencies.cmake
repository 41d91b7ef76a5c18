# Dependencies come from Debian 12's packages; nothing is downloaded.
find_package(Protobuf REQUIRED)
find_package(absl REQUIRED CONFIG)
find_package(Threads REQUIRED)

# The Abseil targets the engine uses.
set(PURRING_ABSL_TARGETS
    absl::status absl::statusor absl::strings absl::str_format absl::time
    absl::civil_time absl::flat_hash_map absl::flat_hash_set absl::int128
    absl::span absl::synchronization)
