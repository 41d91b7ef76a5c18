# Installation: the CMake package (purring::purring, purring::purring_c),
# purring.pc for pkg-config, the headers and the .proto files. Tests and
# benchmarks are never installed.
include(CMakePackageConfigHelpers)

set(PURRING_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/purring")

install(TARGETS purring_c purring_cpp purring_proto
        EXPORT purringTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/purring"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PURRING_PROTO_OUT}/purring/v1"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/purring"
        FILES_MATCHING PATTERN "*.pb.h")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/proto/purring"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/purring/proto"
        FILES_MATCHING PATTERN "*.proto")

install(EXPORT purringTargets NAMESPACE purring::
        DESTINATION "${PURRING_CMAKE_DIR}")
configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/purringConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/purringConfig.cmake"
    INSTALL_DESTINATION "${PURRING_CMAKE_DIR}")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/purringConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/purringConfig.cmake"
              "${PROJECT_BINARY_DIR}/purringConfigVersion.cmake"
        DESTINATION "${PURRING_CMAKE_DIR}")

# From <prefix>/<libdir>/pkgconfig back to <prefix>.
file(RELATIVE_PATH PURRING_PC_RELATIVE_PREFIX
     "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file("${PROJECT_SOURCE_DIR}/cmake/purring.pc.in"
               "${PROJECT_BINARY_DIR}/purring.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/purring.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
