# The engine's link graph as the build sees it, for tests/architecture, which
# checks it against the ```edges block of ARCHITECTURE.md.
#
# Writes, at configure time (so any CMakeLists change, which reconfigures,
# rewrites them; unchanged content leaves the files' timestamps alone):
#   ${CMAKE_BINARY_DIR}/generated/link_edges.txt
#       one direct link edge per line, sorted: `ns_a -> ns_b` (and
#       `needlesim -> ns_x`), only edges whose far end is an ns_* target.
#   ${CMAKE_BINARY_DIR}/generated/engine_libraries.txt
#       one engine library per line, sorted: `ns_a engine/<folder>`.
#
# The libraries are discovered, not listed: every library target named ns_*
# defined anywhere under engine/ (BUILDSYSTEM_TARGETS, walking SUBDIRECTORIES).
# Edges are the direct ones only, as given to target_link_libraries (PUBLIC,
# PRIVATE and INTERFACE: LINK_LIBRARIES and INTERFACE_LINK_LIBRARIES), with
# aliases resolved and ns_* names inside generator expressions counted.
#
# Include this file from the top-level CMakeLists.txt; the scan itself is
# deferred to the end of the top-level directory, so links added by any
# directory processed later are seen too.

include_guard(GLOBAL)

# Appends to `out_var` every library target named ns_* defined in `dir` or
# below it.
function(_ns_collect_engine_libraries dir out_var)
  set(found ${${out_var}})
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    if(NOT t MATCHES "^ns_")
      continue()
    endif()
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY|INTERFACE_LIBRARY)$")
      list(APPEND found ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _ns_collect_engine_libraries("${sub}" found)
  endforeach()
  set(${out_var} ${found} PARENT_SCOPE)
endfunction()

# Sets `out_var` to the ns_* targets `item` (one LINK_LIBRARIES entry) names.
function(_ns_link_item_targets item out_var)
  set(names "")
  if(item MATCHES "\\$<")
    # A generator expression ($<LINK_ONLY:ns_x>, $<$<CONFIG:Debug>:ns_x>, ...):
    # any ns_* target it names is an edge of the build, conditional or not.
    string(REGEX MATCHALL "ns_[A-Za-z0-9_]+" candidates "${item}")
    foreach(c IN LISTS candidates)
      if(TARGET ${c})
        list(APPEND names ${c})
      endif()
    endforeach()
  elseif(TARGET "${item}")
    # `::@(dir)` markers (links added from another directory) are no targets
    # and fall through; aliases are replaced by what they alias.
    get_target_property(aliased "${item}" ALIASED_TARGET)
    if(aliased)
      set(item ${aliased})
    endif()
    if(item MATCHES "^ns_")
      list(APPEND names ${item})
    endif()
  endif()
  set(${out_var} ${names} PARENT_SCOPE)
endfunction()

function(ns_write_link_edges)
  set(libraries "")
  _ns_collect_engine_libraries("${CMAKE_SOURCE_DIR}/engine" libraries)
  list(REMOVE_DUPLICATES libraries)
  list(SORT libraries)

  set(sources ${libraries})
  if(TARGET needlesim)
    list(APPEND sources needlesim)
  endif()

  set(edges "")
  foreach(from IN LISTS sources)
    # Every name given to target_link_libraries: PUBLIC and PRIVATE ones are in
    # LINK_LIBRARIES, PUBLIC and INTERFACE ones in INTERFACE_LINK_LIBRARIES
    # (the only place an INTERFACE library keeps them).
    set(links "")
    foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(value ${from} ${prop})
      if(value)
        list(APPEND links ${value})
      endif()
    endforeach()
    foreach(item IN LISTS links)
      _ns_link_item_targets("${item}" to_list)
      foreach(to IN LISTS to_list)
        if(NOT to STREQUAL from)
          list(APPEND edges "${from} -> ${to}")
        endif()
      endforeach()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES edges)
  list(SORT edges)

  set(folders "")
  foreach(lib IN LISTS libraries)
    get_target_property(dir ${lib} SOURCE_DIR)
    file(RELATIVE_PATH rel "${CMAKE_SOURCE_DIR}" "${dir}")
    list(APPEND folders "${lib} ${rel}")
  endforeach()

  list(JOIN edges "\n" edges_text)
  list(JOIN folders "\n" folders_text)
  if(edges_text)
    string(APPEND edges_text "\n")
  endif()
  if(folders_text)
    string(APPEND folders_text "\n")
  endif()
  # file(CONFIGURE) rewrites only when the content changes.
  file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/generated/link_edges.txt"
       CONTENT "${edges_text}" @ONLY)
  file(CONFIGURE OUTPUT "${CMAKE_BINARY_DIR}/generated/engine_libraries.txt"
       CONTENT "${folders_text}" @ONLY)
endfunction()

cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL ns_write_link_edges)
