#!/usr/bin/env bash
# Packs what core and fglens-cli need besides LibTorch (OpenCV core/imgproc/
# imgcodecs, simdjson, nlohmann_json, SQLite, zlib, ICU: headers, libraries
# and tiny CMake configs) from this Debian 12 machine into one tarball, for a
# GPU machine whose image has a CUDA LibTorch (PyTorch's) but none of these.
# OpenCV's imgcodecs and core also link GDAL, GDCM, OpenEXR, LAPACK/BLAS and
# GLX, which with their own dependencies are several hundred MB: they are
# replaced by stub libraries that define the symbols OpenCV imports from them;
# a stub function says on stderr that it was called and returns 0 (OpenCV
# calls GDALAllRegister() when it sets up its decoders). JPEG, PNG, TIFF and
# WebP decoding stay real; DICOM, EXR and GDAL rasters, and OpenCV's
# LAPACK-backed solvers, do not work in such a bundle (FG-Lens uses none).
# Usage: tests/bench/gpu/bundle_deps.sh OUT.tar.xz
set -euo pipefail
out=$(realpath -m "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pre=$work/fglens-deps
mkdir -p "$pre/include" "$pre/lib" "$pre/stubs"
libdir=/usr/lib/x86_64-linux-gnu

system_lib() { [[ $1 =~ ^(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|ld-linux-x86-64)\.so ]]; }
stub_lib() { [[ $1 =~ ^(libgdal|libgdcm|libOpenEXR|liblapack|libblas|libGLX)[^/]*\.so ]]; }

roots="libopencv_core.so.406 libopencv_imgproc.so.406 libopencv_imgcodecs.so.406 libsimdjson.so.14
       libsqlite3.so.0 libz.so.1 libicuuc.so.72 libicui18n.so.72 libicudata.so.72"
declare -A seen=()
queue=($roots)
stubs=()
while ((${#queue[@]})); do
  name=${queue[0]}; queue=("${queue[@]:1}")
  [[ -n ${seen[$name]:-} ]] && continue
  seen[$name]=1
  if system_lib "$name"; then continue; fi
  if stub_lib "$name"; then stubs+=("$name"); continue; fi
  cp -L "$libdir/$name" "$pre/lib/$name"
  for dep in $(objdump -p "$libdir/$name" | awk '$1 == "NEEDED" {print $2}'); do queue+=("$dep"); done
done

# Each stub defines exactly what the carried libraries import from it
# (objects with their real sizes), so the loader's immediate binding succeeds.
undefined=$(for f in "$pre"/lib/*; do nm -D --undefined-only "$f" | awk '{print $2}'; done | sed 's/@.*//' | sort -u)
for name in "${stubs[@]}"; do
  src=$work/${name}.c
  printf '#include <stdio.h>\nstatic void note(const char* s) { fprintf(stderr, "fglens-deps: stub %%s called\\n", s); }\n' > "$src"
  nm -D --defined-only -S "$libdir/$name" | awk 'NF == 4 {print $4, $3, $2} NF == 3 {print $3, $2, 0}' |
    sed 's/@.*\( [A-Za-z] \)/\1/' | sort -u -k1,1 | join - <(echo "$undefined") |
    awk '{ if ($2 ~ /^[TtWi]$/) printf "long f%d(void) __asm__(\"%s\"); long f%d(void) { note(\"%s\"); return 0; }\n", NR, $1, NR, $1;
           else printf "__attribute__((used)) char d%d[0x%s + 1] __asm__(\"%s\");\n", NR, $3, $1 }' >> "$src"
  gcc -shared -fPIC -o "$pre/stubs/$name" -Wl,-soname,"$name" "$src"
  echo "stub $name: $(grep -c __asm__ "$src") symbols"
done

# Link-time names, headers and CMake configs (relocatable: paths are relative to the config).
for l in opencv_core opencv_imgproc opencv_imgcodecs simdjson sqlite3 z icuuc icui18n icudata; do
  real=$(cd "$pre/lib" && ls lib$l.so.* | head -1)
  ln -sf "$real" "$pre/lib/lib$l.so"
done
cp -r /usr/include/opencv4 /usr/include/unicode /usr/include/nlohmann "$pre/include/"
cp /usr/include/simdjson.h /usr/include/sqlite3.h /usr/include/sqlite3ext.h /usr/include/zlib.h \
   /usr/include/zconf.h "$pre/include/"
mkdir -p "$pre/lib/cmake/OpenCV" "$pre/lib/cmake/simdjson" "$pre/lib/cmake/nlohmann_json"
cat > "$pre/lib/cmake/OpenCV/OpenCVConfig.cmake" <<'CMAKE'
get_filename_component(_fg_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(OpenCV_VERSION 4.6.0)
set(OpenCV_INCLUDE_DIRS "${_fg_prefix}/include/opencv4")
foreach(_m core imgproc imgcodecs)
  if(NOT TARGET opencv_${_m})
    add_library(opencv_${_m} SHARED IMPORTED)
    set_target_properties(opencv_${_m} PROPERTIES IMPORTED_LOCATION "${_fg_prefix}/lib/libopencv_${_m}.so.406"
      INTERFACE_INCLUDE_DIRECTORIES "${OpenCV_INCLUDE_DIRS}")
  endif()
endforeach()
set(OpenCV_LIBS opencv_core opencv_imgproc opencv_imgcodecs)
set(OpenCV_FOUND TRUE)
CMAKE
cat > "$pre/lib/cmake/simdjson/simdjsonConfig.cmake" <<'CMAKE'
get_filename_component(_fg_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET simdjson::simdjson)
  add_library(simdjson::simdjson SHARED IMPORTED)
  set_target_properties(simdjson::simdjson PROPERTIES IMPORTED_LOCATION "${_fg_prefix}/lib/libsimdjson.so.14"
    INTERFACE_INCLUDE_DIRECTORIES "${_fg_prefix}/include")
endif()
CMAKE
cat > "$pre/lib/cmake/nlohmann_json/nlohmann_jsonConfig.cmake" <<'CMAKE'
get_filename_component(_fg_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET nlohmann_json::nlohmann_json)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_fg_prefix}/include")
endif()
CMAKE
tar -C "$work" -cJf "$out" fglens-deps
echo "$out: $(du -h "$out" | cut -f1), $(ls "$pre/lib" | wc -l) libraries, ${#stubs[@]} stubs"
