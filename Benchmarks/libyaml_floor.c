// The floor under `dappctl validate`: libyaml merely tokenizing and parsing every file into events
// (no tree, no checks), reading the files the same way. Built and run by Benchmarks/validate.sh.
//
// usage: libyaml_floor FILE-LIST   (one path per line); prints "events=<n> bytes=<n>"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: libyaml_floor FILE-LIST\n"); return 2; }
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 2; }
    static unsigned char buffer[8 << 20];
    char path[4096];
    long events = 0, bytes = 0;
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = 0;
        FILE *file = fopen(path, "rb");
        if (!file) { perror(path); return 2; }
        size_t size = fread(buffer, 1, sizeof buffer, file);
        fclose(file);
        bytes += (long)size;
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, buffer, size);
        for (;;) {
            yaml_event_t event;
            if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: %s\n", path, parser.problem); return 1; }
            int type = event.type;
            yaml_event_delete(&event);
            events++;
            if (type == YAML_STREAM_END_EVENT) break;
        }
        yaml_parser_delete(&parser);
    }
    printf("events=%ld bytes=%ld\n", events, bytes);
    return 0;
}
