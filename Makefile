# Runc.Sharp: `make build` → bin/runcs (NativeAOT, C shim linked in); `make test` → all tests.
PREFIX ?= /usr/local
DOTNET ?= dotnet
CONFIG ?= Release
COMMIT := $(shell git rev-parse HEAD 2>/dev/null)
PUBLISH_DIR := artifacts/publish
PROBE := artifacts/conformance/probe

.PHONY: build shim test test-v2 unit-test integration-test run install bench conformance conformance-all clean

build: bin/runcs

bin/runcs: shim $(shell find src -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.c' -o -name '*.h' | grep -v '/obj/' | grep -v '/bin/')
	$(DOTNET) publish src/Runtime/Cli/Runc.Sharp.Cli.csproj -c $(CONFIG) -r linux-x64 -o $(PUBLISH_DIR) -p:RuncsCommit=$(COMMIT) --nologo -v quiet
	@mkdir -p bin
	cp $(PUBLISH_DIR)/runcs bin/runcs

shim:
	$(MAKE) -s -C src/NativeShim

test: build $(PROBE)
	@scripts/run-tests.sh

# The cgroup v2 checks in a QEMU VM (needs root and qemu-system-x86; skipped with a reason otherwise).
test-v2: build
	@tests/CgroupV2Vm/run.sh

run: build
	@scripts/demo.sh

install: build
	install -D -m 0755 bin/runcs $(DESTDIR)$(PREFIX)/bin/runcs

bench: build
	@scripts/bench.sh

# The runtime-agnostic conformance suite: `make conformance RUNTIME=/path/to/runtime`, or all of
# runcs, runc and crun in one table.
$(PROBE): conformance/probe/probe.c
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -Wall -Wextra -Werror -o $@ $<

conformance: $(PROBE)
	@conformance/run.sh $(RUNTIME)

conformance-all: build $(PROBE)
	@conformance/all.sh

clean:
	rm -rf bin artifacts
	$(MAKE) -s -C src/NativeShim clean
	find . -name bin -o -name obj -type d -prune -exec rm -rf {} +
