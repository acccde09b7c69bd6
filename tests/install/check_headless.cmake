# SPDX-License-Identifier: GPL-2.0-or-later
# The viewer where there is no display (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM, as over
# ssh): --version and --screenshot work (Qt's offscreen platform), and opening the window says
# why it cannot, with exit status 1, instead of Qt's abort.
#   cmake -DVIEWER=... -DSAMPLE=... -DWORK_DIR=... -P check_headless.cmake
cmake_minimum_required(VERSION 3.25)
set(headless ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY
             --unset=QT_QPA_PLATFORM)
set(failures 0)
macro(fail what)
  message(SEND_ERROR "${what}\n  exit: ${rc}\n  stdout: ${out}\n  stderr: ${err}")
  math(EXPR failures "${failures} + 1")
endmacro()

execute_process(COMMAND ${headless} "${VIEWER}" --version
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^tcpscope [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  fail("tcpscope --version without a display")
endif()

file(MAKE_DIRECTORY "${WORK_DIR}")
set(png "${WORK_DIR}/headless.png")
file(REMOVE "${png}")
execute_process(COMMAND ${headless} "${VIEWER}" --screenshot=${png} --size 800x600 "${SAMPLE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(png_size 0)
if(EXISTS "${png}")
  file(SIZE "${png}" png_size)
endif()
if(NOT rc EQUAL 0 OR NOT png_size GREATER 10000)
  fail("tcpscope --screenshot without a display (${png}: ${png_size} bytes)")
endif()
if(png_size GREATER 0)
  file(READ "${png}" signature LIMIT 8 HEX)
  if(NOT signature STREQUAL "89504e470d0a1a0a")
    fail("tcpscope --screenshot without a display wrote no PNG (${signature})")
  endif()
endif()

execute_process(COMMAND ${headless} "${VIEWER}" "${SAMPLE}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(reason "tcpscope: no display to open the window on \\(neither DISPLAY nor WAYLAND_DISPLAY")
if(NOT rc EQUAL 1 OR NOT err MATCHES "${reason}")
  fail("tcpscope FILE without a display: expected exit 1 and the reason")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} headless check(s) failed")
endif()
message(STATUS "headless: --version, --screenshot and the no-display message as expected")
