import DappCore

enum ProductSchema {
    static let spec: Schema = .object([
        Property("owners", .array(.string(StringRules(minLength: 1))).describe("Who answers for the product: emails or team names.")),
        Property("description", .string().describe("What the product holds, in a sentence or two.")),
        Property(
            "lifecycle",
            Schema.enumeration(["active", "deprecated", "retired"]).describe(
                "active (default), deprecated (give sunset) or retired (holds no grants).")),
        Property("sunset", Schema.string(StringRules(format: .date)).describe("Date a deprecated product goes away (YYYY-MM-DD).")),
        Property(
            "classification",
            Schema.enumeration(CommonSchemas.classifications).describe("Highest classification of the data the product holds.")),
        Property("tags", .array(.string())),
        Property(
            "inputPorts",
            .array(
                .object([
                    .required("name", CommonSchemas.portName),
                    .required(
                        "from",
                        .object([
                            .required(
                                "product", Schema.string(StringRules(format: .productRef)).describe("Producing product, 'domain/name'.")),
                            .required("port", CommonSchemas.portName.describe("Output port of the producing product.")),
                        ]).describe("The output port this input consumes.")),
                    Property("description", .string()),
                ])
            ).describe("Data this product consumes from other products' output ports.")),
        Property(
            "outputPorts",
            .array(
                .object([
                    .required("name", CommonSchemas.portName),
                    .required(
                        "contract",
                        Schema.string(StringRules(format: .relativePath)).describe("ODCS v3 contract file, relative to the product folder.")
                    ),
                    Property(
                        "compatibility",
                        Schema.enumeration(CommonSchemas.compatibilityModes).describe("How the contract may evolve; BACKWARD when omitted.")
                    ),
                    Property("description", .string()),
                ])
            ).describe("Data this product publishes, each with its contract.")),
        Property(
            "dependsOn",
            .array(Schema.string(StringRules(format: .productRef))).describe("Products to reconcile before this one, 'domain/name'.")),
    ])

    static let document = CommonSchemas.document(kind: .dappProduct, spec: spec)
}
