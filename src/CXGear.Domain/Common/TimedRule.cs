using System.Linq.Expressions;

namespace CXGear.Domain.Common;

/// <summary>
/// A rule about an entity at an instant, used by the entity in memory and by set-based queries alike (the SQL that
/// claims a job or sweeps keys cannot drift from the entity's own check).
/// </summary>
public sealed class TimedRule<T>(Expression<Func<T, DateTime, bool>> rule) : TimedExpression<T, bool>(rule)
{
    public bool IsSatisfiedBy(T entity, DateTime now) => Evaluate(entity, now);
}
