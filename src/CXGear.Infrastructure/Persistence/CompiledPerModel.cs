using System.Collections.Concurrent;

namespace CXGear.Infrastructure.Persistence;

/// <summary>
/// A precompiled query, compiled once per provider's context type: EF binds a compiled query to the model it first
/// ran on, and each provider's context (SQLite, SQL Server, PostgreSQL) has its own model. One process normally runs
/// one provider; the test run hosts SQLite and PostgreSQL side by side.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _compiled = new();

    public TQuery For(AppDbContext db) => _compiled.GetOrAdd(db.GetType(), _ => compile());
}
