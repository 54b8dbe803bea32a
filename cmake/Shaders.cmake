# needlesim_add_shaders(TARGET name SOURCES a.comp b.vert ...)
# Compiles each GLSL file with glslc into a C initializer list (-mfmt=num) that
# engine code #includes, so the SPIR-V is embedded in the binary and can never be
# missing or stale at run time. Depfiles (-MD -MF) make an edit to an #included
# header rebuild exactly the shaders that use it.
function(needlesim_add_shaders)
  cmake_parse_arguments(ARG "" "TARGET" "SOURCES" ${ARGN})
  set(out_dir ${CMAKE_BINARY_DIR}/generated/shaders)
  file(MAKE_DIRECTORY ${out_dir})
  set(outputs)
  foreach(src ${ARG_SOURCES})
    get_filename_component(abs ${src} ABSOLUTE)
    get_filename_component(name ${src} NAME)
    set(out ${out_dir}/${name}.spv.inc)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${GLSLC} --target-env=vulkan1.2 -O -I ${CMAKE_SOURCE_DIR}/shaders
              -mfmt=num -MD -MF ${out}.d -o ${out} ${abs}
      MAIN_DEPENDENCY ${abs}
      DEPFILE ${out}.d
      COMMENT "glslc ${name}"
      VERBATIM)
    list(APPEND outputs ${out})
  endforeach()
  add_custom_target(${ARG_TARGET} DEPENDS ${outputs})
  set(NEEDLESIM_SHADER_INCLUDE_DIR ${out_dir} PARENT_SCOPE)
endfunction()
