# Runs TOOL with ARG1..ARG4 and checks the exit status and both outputs.
# A crash shows up as a non-numeric result and fails the check.
set(_args)
foreach(_i 1 2 3 4)
  if(DEFINED ARG${_i})
    list(APPEND _args "${ARG${_i}}")
  endif()
endforeach()
execute_process(COMMAND "${TOOL}" ${_args}
                RESULT_VARIABLE _result OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
set(_report "exit: ${_result}\nstdout:\n${_out}\nstderr:\n${_err}")
if(NOT "${_result}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "expected exit ${EXPECT_EXIT}\n${_report}")
endif()
if(NOT "${_out}" MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match \"${EXPECT_STDOUT}\"\n${_report}")
endif()
if(NOT "${_err}" MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match \"${EXPECT_STDERR}\"\n${_report}")
endif()
message(STATUS "${_report}")
# JSON_RESULTS=N: stdout is an EvaluateResponse whose results has N entries.
if(DEFINED JSON_RESULTS)
  string(JSON _count ERROR_VARIABLE _json_error LENGTH "${_out}" results)
  if(_json_error OR NOT _count EQUAL JSON_RESULTS)
    message(FATAL_ERROR "stdout is not a response with ${JSON_RESULTS} "
                        "results: ${_json_error} (${_count})")
  endif()
endif()
