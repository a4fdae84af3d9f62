using CXGear.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CXGear.Tests.Shared;

/// <summary>The database engine a fixture runs on; fixtures that prove concurrency run on both.</summary>
public enum TestEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The PostgreSQL server that .ci/run starts (<c>CXGEAR_TEST_POSTGRES</c>: a connection string to a database the
/// tests may create databases from). Each fixture gets its own database, created from a template migrated once per
/// test process (<c>CREATE DATABASE … TEMPLATE</c>, the server's own copy, as <see cref="TemplateDatabase"/> copies the
/// SQLite file) and dropped when the fixture ends. Without a server a PostgreSQL fixture is ignored on a developer's
/// machine but fails under CI (<c>CI=true</c>), where its absence is a broken build.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CXGEAR_TEST_POSTGRES";

    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The engine of a fixture that does not choose one: SQLite, or PostgreSQL for every fixture when
    /// <c>CXGEAR_TEST_ENGINE=postgres</c> (a whole-suite run on the server engine, by hand; CI runs the chosen fixtures).
    /// </summary>
    public static TestEngine DefaultEngine =>
        string.Equals(Environment.GetEnvironmentVariable("CXGEAR_TEST_ENGINE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? TestEngine.Postgres
            : TestEngine.Sqlite;

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's connection string, or the fixture is ignored (failed under CI) when there is none.</summary>
    public static string Require()
    {
        string problem;
        if (Server is not { } server)
        {
            problem = $"{Variable} is not set";
        }
        else
        {
            try
            {
                using var connection = new NpgsqlConnection(server);
                connection.Open();
                return server;
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException or ArgumentException)
            {
                problem = $"the server did not answer ({error.GetType().Name}: {error.Message})";
            }
        }

        var message = $"PostgreSQL not available: {problem}. .ci/run starts one; locally run a server and set " +
            $"{Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres\".";
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        throw new InvalidOperationException(message);
    }

    /// <summary>A new database copied from the migrated template (or empty); returns its connection string.</summary>
    public static string CreateDatabase(bool migrated = true)
    {
        var server = Require();
        var name = "cxgear_test_" + Guid.NewGuid().ToString("N");
        Execute(server, migrated ? $"CREATE DATABASE {name} TEMPLATE {Template.Value}" : $"CREATE DATABASE {name}");
        return ConnectionTo(server, name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, ending any connection still open to it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        if (Server is { } server)
        {
            Execute(server, $"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)");
        }
    }

    private static string CreateTemplate()
    {
        var server = Require();
        var name = "cxgear_template_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {name}");

        // Unpooled, so no connection to the template outlives the migration (CREATE DATABASE … TEMPLATE needs none).
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionTo(server, name)) { Pooling = false }.ToString();
        using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
                // The server is gone already (CI stops it at exit).
            }
        };
        return name;
    }

    private static string ConnectionTo(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();

    private static void Execute(string connectionString, string sql)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        using var connection = new NpgsqlConnection(unpooled);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
