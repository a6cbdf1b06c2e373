# Yiwang build. `make run` and `make test` are the two commands a newcomer
# needs; both first install what a fresh Debian 12 machine lacks.

CC	?= cc
CLANG	?= clang
KORE_FEATURES := $(shell cat /usr/share/kore/features 2>/dev/null)

WARN	 = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -fPIC -Isrc -I/usr/include/postgresql $(WARN)
LIBS	 = -ljansson -lsodium -lcrypto -lsqlite3 -lpq -lcurl -lz -lm
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

B	 = build
LIB_SRC	 = $(wildcard src/core/*.c src/store/*.c src/app/*.c src/app/*/*.c)
WEB_SRC	 = $(wildcard src/web/*.c)
CLI_SRC	 = $(wildcard src/cli/*.c)
LIB_OBJ	 = $(LIB_SRC:%.c=$(B)/obj/%.o)
WEB_OBJ	 = $(WEB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ	 = $(CLI_SRC:%.c=$(B)/obj/%.o)
SAN_OBJ	 = $(LIB_SRC:%.c=$(B)/san/%.o)
UNIT_SRC = $(shell find tests/unit -name '*_test.c' 2>/dev/null)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
FUZZ_SRC = $(wildcard tests/fuzz/*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_LIB = $(filter src/core/%,$(LIB_SRC))

.PHONY: all deps run test unit http browser fuzz fuzz-build bench lint clean demo
all: $(B)/libyiwang.a $(B)/yiwang.so $(B)/yiwang

deps:
	@scripts/deps.sh

$(B)/obj/src/web/%.o: src/web/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(KORE_FEATURES) -MMD -MP -c -o $@ $<
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
$(B)/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O1 $(SAN) -MMD -MP -c -o $@ $<

$(B)/libyiwang.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/libyiwang-san.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(B)/yiwang.so: $(WEB_OBJ) $(B)/libyiwang.a
	$(CC) -shared -o $@ $(WEB_OBJ) $(B)/libyiwang.a $(LIBS)
$(B)/yiwang: $(CLI_OBJ) $(B)/libyiwang.a
	$(CC) -o $@ $(CLI_OBJ) $(B)/libyiwang.a $(LIBS)

$(B)/unit/%: tests/unit/%.c $(B)/libyiwang-san.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O1 $(SAN) -Itests/unit -o $@ $< $(B)/libyiwang-san.a $(LIBS) -lcmocka

$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(CLANG) -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB) -ljansson -lsodium -lz -lm

# The push scanner's target also takes in the schema checks it shares.
$(B)/fuzz/exchange_parse_fuzz: tests/fuzz/exchange_parse_fuzz.c $(FUZZ_LIB) \
    src/app/data/schema.c src/app/data/exchange_parse.c
	@mkdir -p $(dir $@)
	$(CLANG) -std=c11 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=fuzzer,address,undefined -o $@ $^ -ljansson -lsodium -lz -lm

run: deps all
	@scripts/run.sh

unit: $(UNIT_BIN)
	@scripts/unit.sh $(UNIT_BIN)

fuzz-build: $(FUZZ_BIN)
fuzz: fuzz-build
	@scripts/fuzz.sh $(FUZZ_BIN)

http: all
	node --test --test-concurrency=1 tests/http/

browser: all
	node --test --test-concurrency=1 tests/browser/

test: deps all
	@scripts/test.sh

bench: deps all
	@bench/run.sh

# cppcheck for bugs, and a grep for the string functions STYLE.md bans.
# .clang-format guides editors; clang-format 14 cannot express the house
# alignment of declarations, so it is not enforced here.
lint:
	cppcheck -q --enable=warning,portability --inline-suppr --error-exitcode=1 \
	    -Isrc --suppress=missingIncludeSystem --suppress=unknownMacro src
	@! grep -rnE '\b(sprintf|strcpy|strcat|gets|vsprintf)\s*\(' src

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
