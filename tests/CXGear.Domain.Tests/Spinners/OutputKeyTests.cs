using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

public sealed class OutputKeyTests
{
    [TestCase("crm", true)]
    [TestCase("_x1", true)]
    [TestCase("1x", false)]
    [TestCase("a-b", false)]
    [TestCase("", false)]
    public void Keys_are_letters_digits_and_underscores_not_starting_with_a_digit(string key, bool wellFormed) =>
        Assert.That(OutputKey.IsWellFormed(key), Is.EqualTo(wellFormed));

    [TestCase("disposition", StepTypes.ApiCall, true)]
    [TestCase("disposition", StepTypes.AiAgent, true)]
    [TestCase("ai_response", StepTypes.ApiCall, true)]
    [TestCase("ai_response", StepTypes.Function, true)]
    [TestCase("ai_response", StepTypes.AiAgent, false)]
    [TestCase("crm", StepTypes.Function, false)]
    public void Disposition_belongs_to_tag_steps_and_ai_response_to_ai_agent_steps(string key, string stepType, bool reserved) =>
        Assert.That(OutputKey.IsReservedFor(key, stepType), Is.EqualTo(reserved));
}
