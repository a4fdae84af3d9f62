using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations before the server takes requests (when configured to).</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, bool forceMigrate = false, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = forceMigrate || (options.MigrateOnStartup ?? options.Provider == DatabaseProvider.Sqlite);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers run beside the single writer; it is a property of the file, so set once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
