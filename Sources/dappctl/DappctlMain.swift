import DappCLI

@main
enum DappctlMain {
    static func main() async {
        precondition(Allocator.mimallocVersion > 0)
        await DappctlCommand.main(nil)
    }
}
