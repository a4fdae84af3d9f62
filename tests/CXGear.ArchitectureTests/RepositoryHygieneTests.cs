using System.Diagnostics;

namespace CXGear.ArchitectureTests;

/// <summary>
/// What a clone holds: no local runtime data (a SQLite database, the development signing key: every clone would share
/// one key, and a first run would leave the tree modified), and no pointer to documents outside the repository.
/// </summary>
public sealed class RepositoryHygieneTests
{
    private static readonly Lazy<IReadOnlyList<string>> Tracked = new(ListTrackedFiles);

    [Test]
    public void No_runtime_data_key_or_database_is_tracked()
    {
        var offenders = Tracked.Value.Where(IsRuntimeData).ToList();

        Assert.That(offenders, Is.Empty, "untrack these (git rm --cached) and keep them ignored");
    }

    [TestCase("src/CXGear.Api/data/cxgear.db")]
    [TestCase("src/CXGear.Api/data/mail/reset.eml")]
    [TestCase("keys/jwt-signing.key")]
    [TestCase("bench/results.db")]
    public void The_rule_flags_runtime_data(string path) => Assert.That(IsRuntimeData(path), Is.True);

    [TestCase("src/CXGear.Api/DataTables/HttpPublicApiUrl.cs")]
    [TestCase("src/CXGear.Application/DataTables/Commands/ImportCsv/ImportCsv.cs")]
    [TestCase("docs/decisions/0001-platform-and-errors.md")]
    public void The_rule_leaves_source_alone(string path) => Assert.That(IsRuntimeData(path), Is.False);

    [Test]
    public void No_tracked_file_points_outside_the_repository()
    {
        var root = RepositoryRoot();
        var outside = "../" + "shared";
        var offenders = Tracked.Value
            .Where(p => !p.EndsWith(".dll", StringComparison.Ordinal) && !p.EndsWith(".png", StringComparison.Ordinal))
            .Where(p => File.Exists(Path.Combine(root, p)) && File.ReadAllText(Path.Combine(root, p)).Contains(outside, StringComparison.Ordinal))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Tracked.Value, Has.Some.EqualTo("README.md"), "the scan must cover the repository");
            Assert.That(offenders, Is.Empty, "the repository must stand on its own: say it in docs/ instead");
        }
    }

    private static bool IsRuntimeData(string path) =>
        path.Split('/').SkipLast(1).Contains("data", StringComparer.Ordinal)
        || path.EndsWith(".key", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".db", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> ListTrackedFiles()
    {
        var start = new ProcessStartInfo("git", "ls-files -z")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.That(git.ExitCode, Is.Zero, "these tests run in a git checkout of the repository");
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CXGear.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CXGear.sln was not found above the test directory.");
    }
}
