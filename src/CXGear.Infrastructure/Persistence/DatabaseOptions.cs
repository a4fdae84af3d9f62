namespace CXGear.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 0,
    SqlServer = 1,
    Postgres = 2,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Defaults to true for SQLite; SQL Server and PostgreSQL deployments migrate with <c>build.ps1 migrate</c> or a
    /// bundle.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }
}
