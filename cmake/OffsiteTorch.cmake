# Finds LibTorch. By default it is the one inside the pinned `torch` wheel that scripts/setup.sh installs
# into a Python environment outside the checkout; OFFSITE_PYTHON (or Torch_DIR) points elsewhere, e.g. at a
# GPU machine's preinstalled PyTorch. Nothing is downloaded here.
if(NOT Torch_DIR)
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
    COMMAND "${OFFSITE_PYTHON}" -c "import torch, os; print(os.path.join(torch.utils.cmake_prefix_path, 'Torch'))"
    OUTPUT_VARIABLE _torch_dir OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "LibTorch not found: run scripts/setup.sh first (or pass -DOFFSITE_PYTHON=/path/to/python "
                        "with torch installed, or -DTorch_DIR=...).")
  endif()
  set(Torch_DIR "${_torch_dir}" CACHE PATH "LibTorch CMake config folder")
endif()
set(OFFSITE_PYTHON "${OFFSITE_PYTHON}" CACHE FILEPATH "Python with torch, used for LibTorch discovery and peers")
