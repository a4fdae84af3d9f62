using Npgsql;

namespace CXGear.Bench.Ingest;

/// <summary>
/// The database a load test runs the API on: a new SQLite file under the run's folder (the default), or with
/// <c>--provider postgres</c> a new database on the PostgreSQL server named by <c>--connection</c>, or else by
/// <c>CXGEAR_BENCH_POSTGRES</c> or <c>CXGEAR_TEST_POSTGRES</c> (a connection string to a database it may create
/// databases from). The PostgreSQL database is dropped when the run ends.
/// </summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string? _server;

    private BenchDatabase(bool postgres, string connectionString, string? server)
    {
        IsPostgres = postgres;
        ConnectionString = connectionString;
        _server = server;
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    public string Name => IsPostgres ? "PostgreSQL" : "SQLite";

    public static BenchDatabase Create(string[] args, string root)
    {
        var at = Array.IndexOf(args, "--provider");
        var provider = at >= 0 && at + 1 < args.Length ? args[at + 1] : "sqlite";
        if (!string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            return new BenchDatabase(false, $"Data Source={Path.Combine(root, "cxgear.db")}", null);
        }

        var connection = Array.IndexOf(args, "--connection");
        var server = (connection >= 0 && connection + 1 < args.Length ? args[connection + 1] : null)
            ?? Environment.GetEnvironmentVariable("CXGEAR_BENCH_POSTGRES")
            ?? Environment.GetEnvironmentVariable("CXGEAR_TEST_POSTGRES")
            ?? throw new InvalidOperationException("--provider postgres needs --connection, CXGEAR_BENCH_POSTGRES or CXGEAR_TEST_POSTGRES.");
        var name = "cxgear_bench_" + Guid.NewGuid().ToString("N");
        Execute(server, $"CREATE DATABASE {name}");
        return new BenchDatabase(true, new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), server);
    }

    /// <summary>What the API process is given to run on this database (it migrates it at start).</summary>
    public void AddTo(IDictionary<string, string> settings)
    {
        settings["ConnectionStrings:CXGear"] = ConnectionString;
        if (IsPostgres)
        {
            settings["Database:Provider"] = "Postgres";
        }
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            Execute(_server, $"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(ConnectionString).Database} WITH (FORCE)");
        }
    }

    private static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
