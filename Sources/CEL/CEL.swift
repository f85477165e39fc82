/// The Common Expression Language (cel-spec), standalone: lexer, parser, checker, evaluator.
public enum CEL {}
