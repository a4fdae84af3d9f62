using BenchmarkDotNet.Running;

namespace CXGear.Bench;

/// <summary>dotnet run -c Release --project bench/CXGear.Bench -- --filter '*'</summary>
internal static class BenchProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchProgram).Assembly).Run(args);
}
