using CXGear.Domain.Organizations;

namespace CXGear.Domain.Tests.Organizations;

public sealed class PlanIdsTests
{
    [TestCase(PlanId.Trial, "trial")]
    [TestCase(PlanId.Pro, "pro")]
    [TestCase(PlanId.Advanced, "advanced")]
    [TestCase(PlanId.Enterprise, "enterprise")]
    public void Each_plan_has_its_lower_case_wire_id_and_parses_back(PlanId plan, string id)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Id(), Is.EqualTo(id));
            Assert.That(PlanIds.TryParse(id, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(plan));
        }
    }

    [TestCase("PRO")]
    [TestCase(" Pro ")]
    public void Letter_case_and_surrounding_spaces_do_not_matter(string value)
    {
        Assert.That(PlanIds.TryParse(value, out var plan), Is.True);
        Assert.That(plan, Is.EqualTo(PlanId.Pro));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("gold")]
    [TestCase("1")]
    [TestCase("3")]
    [TestCase("pro,trial")]
    public void Anything_else_is_not_a_plan_id(string? value)
    {
        Assert.That(PlanIds.TryParse(value, out _), Is.False);
    }

    [Test]
    public void All_lists_the_ids_in_plan_order()
    {
        Assert.That(PlanIds.All, Is.EqualTo(new[] { "trial", "pro", "advanced", "enterprise" }));
    }
}
