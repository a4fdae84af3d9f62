using System.Linq.Expressions;

namespace CXGear.Domain.Common;

/// <summary>
/// A rule about an entity at an instant, written once and used twice: by the entity in memory, and by set-based
/// queries (<see cref="At"/>), so the SQL that claims a job or sweeps keys cannot drift from the entity's own check.
/// </summary>
public sealed class TimedRule<T>
{
    private readonly Expression<Func<T, DateTime, bool>> _rule;
    private readonly Func<T, DateTime, bool> _compiled;

    public TimedRule(Expression<Func<T, DateTime, bool>> rule)
    {
        _rule = rule;
        _compiled = rule.Compile();
    }

    public bool IsSatisfiedBy(T entity, DateTime now) => _compiled(entity, now);

    /// <summary>
    /// The rule as a query predicate. The instant goes in as a member of a constant, as a captured variable would,
    /// so query providers send it as a parameter rather than inlining a new literal (and a new plan) per call.
    /// </summary>
    public Expression<Func<T, bool>> At(DateTime now)
    {
        var instant = Expression.Property(Expression.Constant(new Instant(now)), nameof(Instant.Value));
        var body = new Substitution(_rule.Parameters[1], instant).Visit(_rule.Body);
        return Expression.Lambda<Func<T, bool>>(body, _rule.Parameters[0]);
    }

    private sealed class Instant(DateTime value)
    {
        public DateTime Value { get; } = value;
    }

    private sealed class Substitution(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
