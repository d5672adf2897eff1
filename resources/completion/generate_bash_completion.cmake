# Writes the bash completion of couplinglab-cli from the program's --help, so that it offers
# exactly the options that the program has, and for each option the values it takes:
#   a|b|c       one of the listed words
#   FILE.ext    files ending in .ext (and folders)
#   FILE        any file;  DIR  folders
#   other       nothing (a number or a size the user types)
#   cmake -DPROGRAM=couplinglab-cli -DTEMPLATE=couplinglab-cli.bash.in -DOUTPUT=out -P <this>
foreach(variable PROGRAM TEMPLATE OUTPUT)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "generate_bash_completion.cmake: ${variable} is not set")
    endif()
endforeach()
execute_process(COMMAND "${PROGRAM}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} --help failed (status ${status})")
endif()

# An option's line of --help: two spaces, --name, and for an option with a value one space
# and the value's placeholder (the description follows after two or more spaces).
string(REGEX MATCHALL "\n  --[a-z0-9-]+( [^ \n]+)?" lines "${help}")
set(options "")
set(cases "")
set(numbers "")
foreach(line IN LISTS lines)
    string(REGEX MATCH "--([a-z0-9-]+)( ([^ \n]+))?" _ "${line}")
    set(option "--${CMAKE_MATCH_1}")
    set(placeholder "${CMAKE_MATCH_3}")
    list(APPEND options "${option}")
    if(placeholder STREQUAL "")
        continue()  # a flag
    elseif(placeholder MATCHES "\\|")
        string(REPLACE "|" " " words "${placeholder}")
        string(APPEND cases "        ${option})\n"
               "            COMPREPLY=($(compgen -W '${words}' -- \"$cur\"))\n"
               "            return\n            ;;\n")
    elseif(placeholder MATCHES "^FILE\\.([a-z0-9]+)$")
        string(APPEND cases "        ${option})\n            _filedir ${CMAKE_MATCH_1}\n"
               "            return\n            ;;\n")
    elseif(placeholder STREQUAL "FILE")
        string(APPEND cases "        ${option})\n            _filedir\n            return\n"
               "            ;;\n")
    elseif(placeholder STREQUAL "DIR")
        string(APPEND cases "        ${option})\n            _filedir -d\n            return\n"
               "            ;;\n")
    else()
        list(APPEND numbers "${option}")
    endif()
endforeach()
if(NOT options)
    message(FATAL_ERROR "found no option in the --help of ${PROGRAM}")
endif()
if(numbers)
    list(JOIN numbers " | " numbers)
    string(APPEND cases "        ${numbers})\n            return\n            ;;\n")
endif()
string(REGEX REPLACE "\n$" "" VALUE_CASES "${cases}")
list(JOIN options " " OPTIONS)
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
