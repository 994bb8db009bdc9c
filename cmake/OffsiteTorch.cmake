# Finds LibTorch and defines the imported target offsite::torch.
#
# By default LibTorch is the one inside the pinned `torch` wheel that scripts/setup.sh installs into a Python
# environment outside the checkout; -DOFFSITE_PYTHON=/path/to/python points at another one (for example a GPU
# machine's preinstalled PyTorch) and -DOFFSITE_TORCH_ROOT=/path/to/torch at an unpacked LibTorch. Nothing is
# downloaded here.
#
# We import the libraries directly instead of calling find_package(Torch): the wheel's TorchConfig insists on a
# local CUDA toolkit matching the wheel's and links the toolkit's libnvrtc, while all we need is the headers and
# the shared libraries (libtorch_cuda registers the CUDA kernels when present, so the same binary runs on a GPU
# machine and falls back to the CPU elsewhere).
if(NOT OFFSITE_TORCH_ROOT)
  if(NOT OFFSITE_PYTHON)
    if(DEFINED ENV{OFFSITE_CACHE})
      set(_cache "$ENV{OFFSITE_CACHE}")
    else()
      set(_cache "$ENV{HOME}/.cache/offsite-studio")
    endif()
    file(GLOB _venvs "${_cache}/venv-*/bin/python")
    if(_venvs)
      list(GET _venvs 0 OFFSITE_PYTHON)
    else()
      find_program(OFFSITE_PYTHON python3)
    endif()
  endif()
  execute_process(
    COMMAND "${OFFSITE_PYTHON}" -c "import os, torch; print(os.path.dirname(torch.__file__)); print(int(torch.compiled_with_cxx11_abi()))"
    OUTPUT_VARIABLE _torch_out OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc ERROR_QUIET)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "LibTorch not found: run scripts/setup.sh first, or pass -DOFFSITE_PYTHON=/path/to/python "
                        "(a Python with torch installed) or -DOFFSITE_TORCH_ROOT=/path/to/libtorch.")
  endif()
  string(REPLACE "\n" ";" _torch_out "${_torch_out}")
  list(GET _torch_out 0 _root)
  list(GET _torch_out 1 _abi)
  if(NOT _abi EQUAL 1)
    message(FATAL_ERROR "The torch at ${_root} was built without the C++11 ABI and cannot be linked with Qt "
                        "and GoogleTest from Debian; install a torch >= 2.7 wheel.")
  endif()
  set(OFFSITE_TORCH_ROOT "${_root}" CACHE PATH "LibTorch root (holds include/ and lib/)")
endif()
set(OFFSITE_PYTHON "${OFFSITE_PYTHON}" CACHE FILEPATH "Python with torch: LibTorch discovery, fixtures and peers")

set(_lib "${OFFSITE_TORCH_ROOT}/lib")
option(OFFSITE_TORCH_CUDA "Link LibTorch's CUDA libraries when the LibTorch has them" ON)

if(WIN32)
  # MSVC with an unpacked libtorch-win-shared-with-deps archive (-DOFFSITE_TORCH_ROOT=...): import libraries in lib\,
  # DLLs next to them (installed by installers/windows/OffsiteWindowsInstall.cmake). Not built by this repository's
  # Linux CI; see .ci/windows.yml.
  add_library(offsite_torch INTERFACE)
  add_library(offsite::torch ALIAS offsite_torch)
  target_include_directories(offsite_torch SYSTEM INTERFACE
    "${OFFSITE_TORCH_ROOT}/include" "${OFFSITE_TORCH_ROOT}/include/torch/csrc/api/include")
  target_link_libraries(offsite_torch INTERFACE "${_lib}/torch.lib" "${_lib}/torch_cpu.lib" "${_lib}/c10.lib")
  if(OFFSITE_TORCH_CUDA AND EXISTS "${_lib}/torch_cuda.lib")
    # As on Linux, nothing of ours calls into torch_cuda; /INCLUDE keeps the DLL that registers the CUDA kernels.
    target_link_libraries(offsite_torch INTERFACE "${_lib}/torch_cuda.lib" "${_lib}/c10_cuda.lib"
                          "-INCLUDE:?warp_size@cuda@at@@YAHXZ")
    set(OFFSITE_TORCH_HAS_CUDA ON)
  else()
    set(OFFSITE_TORCH_HAS_CUDA OFF)
  endif()
  message(STATUS "LibTorch: ${OFFSITE_TORCH_ROOT} (CUDA build: ${OFFSITE_TORCH_HAS_CUDA})")
  return()
endif()

foreach(_name torch torch_cpu c10)
  if(NOT EXISTS "${_lib}/lib${_name}.so")
    message(FATAL_ERROR "LibTorch at ${OFFSITE_TORCH_ROOT} lacks lib${_name}.so")
  endif()
endforeach()

add_library(offsite_torch INTERFACE)
add_library(offsite::torch ALIAS offsite_torch)
target_include_directories(offsite_torch SYSTEM INTERFACE
  "${OFFSITE_TORCH_ROOT}/include" "${OFFSITE_TORCH_ROOT}/include/torch/csrc/api/include")
# The wheel's libraries export parts of a newer libstdc++ they were built with (std::filesystem among them);
# bound first, those copies crash when called from our code (remove_all jumped to address 0). Loading the
# system libstdc++ before LibTorch, as Python does, makes every std:: symbol resolve to one library.
target_link_libraries(offsite_torch INTERFACE "-Wl,--push-state,--no-as-needed" stdc++ "-Wl,--pop-state"
                      "${_lib}/libtorch.so" "${_lib}/libtorch_cpu.so" "${_lib}/libc10.so")
# -DOFFSITE_TORCH_CUDA=OFF links only the CPU libraries of a CUDA wheel: the binaries then need libtorch_cpu, libc10
# and the two small CUDA libraries that libtorch_cpu names (libcudart, libcupti), which makes a CPU-only package of
# about 0.4 GB instead of several GB (see cmake/OffsiteInstall.cmake).
if(OFFSITE_TORCH_CUDA AND EXISTS "${_lib}/libtorch_cuda.so")
  # Nothing of ours references CUDA symbols, so without --no-as-needed the linker would drop the library that
  # registers the CUDA kernels.
  target_link_libraries(offsite_torch INTERFACE
    "-Wl,--no-as-needed" "${_lib}/libtorch_cuda.so" "${_lib}/libc10_cuda.so" "-Wl,--as-needed")
  set(OFFSITE_TORCH_HAS_CUDA ON)
else()
  set(OFFSITE_TORCH_HAS_CUDA OFF)
endif()
target_link_options(offsite_torch INTERFACE "-Wl,-rpath,${_lib}")
message(STATUS "LibTorch: ${OFFSITE_TORCH_ROOT} (CUDA build: ${OFFSITE_TORCH_HAS_CUDA})")
