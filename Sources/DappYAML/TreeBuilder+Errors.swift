import CLibYAML

/// Explicit tags and libyaml's own errors, turned into located `YAMLError`s.
extension TreeBuilder {
    mutating func unsupportedTag(_ tag: String, at mark: YAMLMark) {
        errors.append(
            YAMLError(
                .unsupportedTag, "tag '\(tag)' is not supported", file: file, mark: mark,
                hint: "remove the tag; spec files use plain YAML values"))
    }

    /// Applies an explicit tag to a scalar of any style: the standard scalar tags are checked
    /// against the content (`!!int "12"` is the integer 12, `!!int abc` an error); any other tag is
    /// an error (custom tags could smuggle meaning past the schema).
    mutating func resolveTag(_ tag: String, content: UnsafeBufferPointer<UInt8>, at mark: YAMLMark) -> YAMLScalar.Kind {
        switch tag {
        case "tag:yaml.org,2002:str", "!": return .string
        default: break
        }
        let implied = ScalarResolver.resolve(plain: content)
        switch tag {
        case "tag:yaml.org,2002:null": return implied == .null ? .null : invalidTagged(tag, at: mark)
        case "tag:yaml.org,2002:bool": return implied == .bool ? .bool : invalidTagged(tag, at: mark)
        case "tag:yaml.org,2002:int": return implied == .int ? .int : invalidTagged(tag, at: mark)
        case "tag:yaml.org,2002:float": return implied == .float || implied == .int ? .float : invalidTagged(tag, at: mark)
        default:
            unsupportedTag(tag, at: mark)
            return .string
        }
    }

    mutating func invalidTagged(_ tag: String, at mark: YAMLMark) -> YAMLScalar.Kind {
        errors.append(YAMLError(.unsupportedTag, "value does not match its tag '\(tag)'", file: file, mark: mark))
        return .string
    }

    func parserError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            // libyaml points a bad continuation byte at that byte (often the newline after a cut
            // sequence); the error belongs to the character it breaks, so point at its first byte.
            var offset = min(parser.problem_offset, input.count)
            if problem.contains("trailing") {
                while offset > 0, input[offset - 1] & 0xC0 == 0x80 { offset -= 1 }
                if offset > 0, input[offset - 1] & 0xC0 == 0xC0 { offset -= 1 }
            }
            let at = EncodingCheck.mark(ofOffset: offset, in: input)
            let what = offset < input.count ? "byte 0x\(String(input[offset], radix: 16, uppercase: true))" : "end of file"
            return YAMLError(
                .encoding, "\(problem) (\(what) at byte offset \(offset + skipped))", file: file, mark: at,
                hint: "save the file as UTF-8 without control characters")
        }
        let at = mark(parser.problem_mark)
        // libyaml reports tabs in indentation either by name or as a character that cannot
        // start a token; both are pointed at the tab.
        if problem.contains("tab character") || EncodingCheck.byte(atLine: at.line, column: at.column, in: input) == UInt8(ascii: "\t") {
            return YAMLError(
                .tabIndentation, "tab character where YAML expects spaces for indentation", file: file, mark: at,
                hint: "indent with spaces; YAML forbids tabs for indentation")
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
            let contextMark = mark(parser.context_mark)
            if contextMark != at {
                message += " (started at line \(contextMark.line), column \(contextMark.column))"
            }
        }
        return YAMLError(.syntax, message, file: file, mark: at)
    }
}
