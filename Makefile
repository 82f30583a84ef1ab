# The two commands a newcomer needs: `make run` and `make test`.
BUILD_DIR ?= build
ASAN_DIR ?= build-asan
DATA_DIR ?= var
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: deps build run test fuzz bench format clean

deps:
	@scripts/install-deps

# The optimised build leaves the unit tests out: make test runs them in the sanitizer build.
build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DDOSSIER_UNIT_TESTS=OFF >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/run-demo $(BUILD_DIR)/dossier $(DATA_DIR) $(LISTEN)

test: build
	@scripts/install-deps --test
	@scripts/run-tests $(BUILD_DIR) $(ASAN_DIR)

fuzz: deps
	@scripts/run-fuzz build-fuzz 300

bench: build
	@scripts/install-deps --bench
	@scripts/run-bench $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-fuzz
