/// Finds the cycles of a directed graph (Tarjan's strongly connected components), each reported
/// once as a path starting at its smallest node, so output is stable.
struct CycleFinder<Node: Hashable & Comparable> {
    private var edges: [Node: [Node]] = [:]

    mutating func addNode(_ node: Node, edges targets: [Node]) {
        edges[node, default: []] += targets
    }

    /// One cycle per strongly connected component of more than one node.
    func cycles() -> [[Node]] {
        var index = 0
        var indexes: [Node: Int] = [:]
        var lowlinks: [Node: Int] = [:]
        var onStack = Set<Node>()
        var stack: [Node] = []
        var components: [[Node]] = []

        // Iterative Tarjan: (node, next edge position) frames, no recursion on deep graphs.
        for start in edges.keys.sorted() where indexes[start] == nil {
            var work: [(Node, Int)] = [(start, 0)]
            indexes[start] = index
            lowlinks[start] = index
            index += 1
            stack.append(start)
            onStack.insert(start)
            while let (node, position) = work.last {
                let targets = (edges[node] ?? []).filter { edges[$0] != nil }
                if position < targets.count {
                    work[work.count - 1].1 += 1
                    let target = targets[position]
                    if indexes[target] == nil {
                        indexes[target] = index
                        lowlinks[target] = index
                        index += 1
                        stack.append(target)
                        onStack.insert(target)
                        work.append((target, 0))
                    } else if onStack.contains(target) {
                        lowlinks[node] = min(lowlinks[node]!, indexes[target]!)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.0 {
                    lowlinks[parent] = min(lowlinks[parent]!, lowlinks[node]!)
                }
                if lowlinks[node] == indexes[node] {
                    var component: [Node] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    if component.count > 1 { components.append(component) }
                }
            }
        }
        return components.map { path(through: Set($0)) }.sorted { $0[0] < $1[0] }
    }

    /// A simple cycle inside a component, from its smallest node, following the smallest edges.
    private func path(through component: Set<Node>) -> [Node] {
        let start = component.min()!
        // Breadth-first search back to start gives the shortest cycle through it.
        var previous: [Node: Node] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for target in (edges[node] ?? []).sorted() where component.contains(target) {
                if target == start {
                    var cycle = [node]
                    var cursor = node
                    while cursor != start, let p = previous[cursor] {
                        cycle.append(p)
                        cursor = p
                    }
                    return cycle.reversed()
                }
                if previous[target] == nil, target != start {
                    previous[target] = node
                    queue.append(target)
                }
            }
        }
        return [start]
    }
}
