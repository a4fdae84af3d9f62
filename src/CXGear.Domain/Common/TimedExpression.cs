using System.Linq.Expressions;

namespace CXGear.Domain.Common;

/// <summary>
/// Something computed from an entity at an instant (a rule, a projection), written once and used twice: compiled, in
/// memory, and as a query expression (<see cref="At"/>), so set-based SQL cannot drift from the in-memory answer.
/// </summary>
public class TimedExpression<T, TResult>
{
    private readonly Expression<Func<T, DateTime, TResult>> _expression;
    private readonly Func<T, DateTime, TResult> _compiled;

    public TimedExpression(Expression<Func<T, DateTime, TResult>> expression)
    {
        _expression = expression;
        _compiled = expression.Compile();
    }

    public TResult Evaluate(T entity, DateTime now) => _compiled(entity, now);

    /// <summary>
    /// The expression for a query. The instant goes in as a member of a constant, as a captured variable would, so
    /// query providers send it as a parameter rather than inlining a new literal (and a new plan) per call.
    /// </summary>
    public Expression<Func<T, TResult>> At(DateTime now)
    {
        var instant = Expression.Property(Expression.Constant(new Instant(now)), nameof(Instant.Value));
        var body = new Substitution(_expression.Parameters[1], instant).Visit(_expression.Body);
        return Expression.Lambda<Func<T, TResult>>(body, _expression.Parameters[0]);
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
