import DappCLI

@main
enum DappctlMain {
    static func main() async {
        await DappctlCommand.main(nil)
    }
}
