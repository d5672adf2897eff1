# The Debian package couplinglab, made by CPack's DEB generator (scripts/package.sh runs cpack
# in a build tree). It holds what `cmake --install` places, under /usr: the tests and
# benchmarks have no install rules, so a tree built with them gives the same package.
# Runtime dependencies come from dpkg-shlibdeps. docs/packaging.md explains the lintian tags
# that remain.
set(COUPLINGLAB_PACKAGE_MAINTAINER
    "Coupling Lab maintainers <maintainers@users.noreply.r-seed-8b363765.example>"
    CACHE STRING "The Debian package's Maintainer field")

# Debian's hardening asks for immediate binding (lintian: hardening-no-bindnow), so that the
# relocation table can be read-only from the start; it costs the programs nothing measurable.
foreach(program couplinglab couplinglab-cli)
    if(TARGET ${program})
        target_link_options(${program} PRIVATE LINKER:-z,relro LINKER:-z,now)
    endif()
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME couplinglab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})  # native package: no Debian revision
set(CPACK_PACKAGE_VENDOR "Coupling Lab")
set(CPACK_PACKAGE_CONTACT "${COUPLINGLAB_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
# Directories 0755 whatever the umask of the build.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "teaching lab for Hamiltonian Monte Carlo and NUTS")
# Lines of at most 80 characters; CPack indents them for the control file.
set(CPACK_PACKAGE_DESCRIPTION [=[
Coupling Lab teaches how Hamiltonian Monte Carlo and the No-U-Turn Sampler
behave, and why their step size is what it is. Its running example is one
coupling weight between two lists of random bits: a student generates the bits,
chooses how the coupling potential is written, samples with NUTS or static HMC
as Stan runs them, and compares the draws with the exact posterior in live
plots of the trace, the posterior, the adapted step size, the tree depth and
each trajectory in phase space.

The package holds the window (couplinglab) and a command-line program for the
same runs without a display (couplinglab-cli), which writes summaries, JSON,
Stan CSV draws, parameter sweeps and the window's plots.]=])

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # couplinglab_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${COUPLINGLAB_PACKAGE_MAINTAINER}")
if(DEFINED COUPLINGLAB_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${COUPLINGLAB_HOMEPAGE}")
endif()
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

include(CPack)
