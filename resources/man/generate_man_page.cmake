# Writes a gzipped man page for PROGRAM with help2man, from the program's own --help and
# --version, so that the page always says what the installed program says.
#   cmake -DHELP2MAN=... -DPROGRAM=... -DNAME="one-line description" -DINCLUDE=extra.h2m
#         -DOUTPUT=page.1.gz -P generate_man_page.cmake
# The window's --help needs a Qt platform: the offscreen one needs no display.
# The window's --version says "Coupling Lab 0.1.0" (its application name, which also names
# its settings), from which help2man would take "Coupling" as the command's name; the page
# is therefore given "<command> <version>", the version still read from the program.
foreach(variable HELP2MAN PROGRAM NAME INCLUDE OUTPUT)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "generate_man_page.cmake: ${variable} is not set")
    endif()
endforeach()
set(ENV{QT_QPA_PLATFORM} offscreen)
get_filename_component(command "${PROGRAM}" NAME)

execute_process(COMMAND "${PROGRAM}" --version OUTPUT_VARIABLE version_text
                RESULT_VARIABLE status ERROR_QUIET)
if(NOT status EQUAL 0 OR NOT version_text MATCHES "([0-9]+(\\.[0-9]+)+)[ \t\r\n]*$")
    message(FATAL_ERROR "${PROGRAM} --version gave no version (status ${status}): ${version_text}")
endif()
set(version "${CMAKE_MATCH_1}")

get_filename_component(page "${OUTPUT}" NAME_WLE)  # page.1
set(plain "${OUTPUT}.tmp/${page}")
file(MAKE_DIRECTORY "${OUTPUT}.tmp")
execute_process(
    COMMAND "${HELP2MAN}" --no-info --section=1 "--name=${NAME}" "--include=${INCLUDE}"
            "--version-string=${command} ${version}" "--output=${plain}" "${PROGRAM}"
    RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "help2man failed on ${PROGRAM} (status ${status})")
endif()
# -n: no name or time stamp in the gzip header, so that the same page gives the same bytes.
execute_process(COMMAND gzip -9n -c "${plain}" OUTPUT_FILE "${OUTPUT}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip failed on ${plain}")
endif()
file(REMOVE_RECURSE "${OUTPUT}.tmp")
