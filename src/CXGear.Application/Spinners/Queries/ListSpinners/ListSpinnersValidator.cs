using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Spinners.Queries.ListSpinners;

public sealed class ListSpinnersValidator : FluentValidation.AbstractValidator<ListSpinnersQuery>
{
    public ListSpinnersValidator() => this.AddPagingRules();
}
