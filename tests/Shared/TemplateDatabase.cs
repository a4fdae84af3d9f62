using CXGear.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Tests.Shared;

/// <summary>
/// One SQLite file migrated with the real migrations once per test process, then copied for every host or harness
/// instead of migrating an empty file each time. The template is written with the default rollback journal and closed
/// (no pooling), so the single file is the whole database: there is no <c>-wal</c> or <c>-shm</c> file to copy along.
/// Whoever opens a copy runs the start-up path (<c>InitializeDatabaseAsync</c>): it finds no pending migration and turns
/// WAL on, as on a server's first start.
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the migrated template to <paramref name="file"/> (which must not exist yet).</summary>
    public static void CopyTo(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.Copy(Template.Value, file);
    }

    private static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cxgear-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "template.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        using (var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        };
        return file;
    }
}
