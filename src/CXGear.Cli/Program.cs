namespace CXGear.Cli;

// A named entry point, not top-level statements: their generated Program class would clash with the API's in tests that load both.
internal static class CliProgram
{
    public static Task<int> Main(string[] args) => CliApp.Build().Parse(args).InvokeAsync();
}
