import DappCore

@testable import DappCLI

/// Check reports the format tests render: one with a finding of every kind (and text that needs
/// escaping in every format), one with nothing found, one too long for the Markdown tables.
enum ReportSamples {
    typealias Item = CheckReport.Item

    /// The message that needs escaping everywhere: `|` (Markdown), `<`, `&`, quotes (XML), `%`,
    /// `:`, `,` and newlines (GitHub commands), a tab and a control character (XML 1.0).
    static let trickyMessage =
        "value \"a|b\" of spec.tags.<env> isn't valid: 100% of 'x & y' must match ^[a-z]+$,\n"
        + "see *docs* [here]\tor `ask`\u{7}"

    static let representative = CheckReport(
        command: "check", repository: "/srv/specs", base: "origin/main", head: "HEAD",
        items: [
            Item(
                category: .validation, severity: .error, rule: "spec/unknown-field",
                message: "unknown field 'ownr' in DappProduct (did you mean 'owner'?)",
                location: SourceLocation(file: "products/sales/orders/product.yaml", line: 7, column: 3),
                hint: "remove the field or fix its spelling", fieldPath: "spec.ownr", resource: "DappProduct/sales/orders",
                blocking: true),
            Item(
                category: .policy, severity: .error, rule: "security/bucket-encrypted",
                message: "bucket sales/raw-events has no server-side encryption",
                location: SourceLocation(file: "products/sales/orders/bucket.yaml", line: 12, column: 5),
                hint: "set encryption.type to SSE-S3 or SSE-KMS", fieldPath: "spec.encryption.type",
                resource: "ObjectBucket/sales/raw-events", blocking: true),
            Item(
                category: .policy, severity: .error, rule: "owners/min-two",
                message: "product customer/customer-segments has 1 owner(s); at least 2 are required",
                location: SourceLocation(file: "products/customer/customer-segments/product.yaml", line: 1, column: 1),
                resource: "DappProduct/customer/customer-segments", blocking: false,
                waiver: .init(exception: "customer-segments-single-owner", owner: "team-crm@example.com", expires: "2027-02-15")),
            Item(
                category: .compatibility, severity: .error, rule: "FLD001", ruleName: "field-removed",
                message: "field 'discount' was removed from object 'orders' (contract sales/orders 1.4.0 → 1.5.0)",
                location: SourceLocation(file: "products/sales/orders/contracts/orders.odcs.yaml", line: 42, column: 9),
                hint: "keep the field and deprecate it, or raise the major version", fieldPath: "schema[orders].properties[discount]",
                resource: "DataContract/sales/orders.orders", blocking: true,
                consumers: ["finance/revenue (input port orders)", "marketing/campaigns (input port sales-orders)"]),
            Item(
                category: .policy, severity: .warning, rule: "policy/exception-expired",
                message: "exception 'old-bucket' (owner data-platform@example.com) expired on 2026-10-01; it waives nothing",
                location: SourceLocation(file: "policies/old-bucket.yaml", line: 16, column: 12), blocking: false),
            Item(
                category: .compatibility, severity: .note, rule: "FLD002", ruleName: "field-added",
                message: "optional field 'channel' was added to object 'orders'",
                location: SourceLocation(file: "products/sales/orders/contracts/orders.odcs.yaml"),
                resource: "DataContract/sales/orders.orders", blocking: false),
            Item(
                category: .validation, severity: .error, rule: "spec/invalid-value", message: trickyMessage,
                location: SourceLocation(file: "products/sales/orders/store tables/o|rders <v2> 100%,a:b.yaml", line: 3),
                hint: "quote it: \"a|b\" & <done>", fieldPath: "spec.tags.<env>", blocking: true),
        ],
        passed: false, strict: false,
        counts: .init(files: 45, products: 8, policies: 18, evaluations: 174, contractsCompared: 3))

    static let empty = CheckReport(
        command: "check", repository: "/srv/specs", items: [], passed: true, strict: false,
        counts: .init(files: 12, products: 3, policies: 18, evaluations: 61, contractsCompared: 0))

    /// 60 blocking errors and 55 warnings: more than a Markdown table shows.
    static let long = CheckReport(
        command: "check", repository: "/srv/specs",
        items: (1...60).map { n in
            Item(
                category: .policy, severity: .error, rule: "contract/fields-classified", message: "field f\(n) has no classification",
                location: SourceLocation(file: "products/p/contracts/c.yaml", line: n, column: 7), blocking: true)
        }
            + (1...55).map { n in
                Item(
                    category: .validation, severity: .warning, rule: "spec/layout", message: "stray file \(n)",
                    location: SourceLocation(file: "misc/\(n).yaml"), blocking: false)
            },
        passed: false, strict: false, counts: .init(files: 120, products: 1, policies: 18, evaluations: 200))
}

extension ReportSamples {
    /// The representative findings over and over, each numbered, with every other one given the
    /// tricky message: more findings than one slice of a report holds (`ReportSlices.size`, and
    /// `JSONText.sliceSize` for the JSON formats), so every format renders it a slice per core.
    static let many: CheckReport = {
        let items = (0..<2_600).map { n in
            var item = representative.items[n % representative.items.count]
            item.message = n.isMultiple(of: 2) ? "#\(n) \(item.message)" : "#\(n) \(trickyMessage)"
            return item
        }
        return CheckReport(
            command: "check", repository: "/srv/specs", base: "origin/main", head: "HEAD", items: items, passed: false, strict: false,
            counts: .init(files: 45, products: 8, policies: 18, evaluations: 174, contractsCompared: 3))
    }()
}
