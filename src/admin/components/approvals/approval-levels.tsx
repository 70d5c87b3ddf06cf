import { Badge, Table, Text } from "@medusajs/ui"
import { formatDate } from "../../lib/format"
import { APPROVER_LABELS, type ApprovalRequest } from "./types"

type Props = { request: ApprovalRequest; personName: (id: string) => string }

/** What a level's state reads as, from the decisions so far. */
function levelState(request: ApprovalRequest, index: number) {
  const decision = request.decisions.find((d) => d.level === index)
  if (decision) return { label: decision.decision, color: decision.decision === "approved" ? "green" : "red", decision }
  if (request.status === "pending" && index === request.current_level) return { label: "waiting", color: "orange" }
  if (request.status === "pending") return { label: "not reached", color: "grey" }
  return { label: "not decided", color: "grey" }
}

/** The levels in the order they are decided, why each is needed, and who decided it with their comment. */
export const ApprovalLevels = ({ request, personName }: Props) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Level</Table.HeaderCell>
        <Table.HeaderCell>Approver</Table.HeaderCell>
        <Table.HeaderCell>Why</Table.HeaderCell>
        <Table.HeaderCell>State</Table.HeaderCell>
        <Table.HeaderCell>Decided by</Table.HeaderCell>
        <Table.HeaderCell>Comment</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {request.levels.map((level, index) => {
        const state = levelState(request, index)
        return (
          <Table.Row key={index} data-testid={`approval-level-${index + 1}`}>
            <Table.Cell>{index + 1}</Table.Cell>
            <Table.Cell>{APPROVER_LABELS[level.approver]}</Table.Cell>
            <Table.Cell className="whitespace-normal">
              {level.reasons.map((reason) => (
                <Text key={reason} size="small">
                  {reason}
                </Text>
              ))}
            </Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall" color={state.color as "green" | "red" | "orange" | "grey"}>
                {state.label}
              </Badge>
            </Table.Cell>
            <Table.Cell>
              {state.decision ? (
                <>
                  <Text size="small">{personName(state.decision.actor_id)}</Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {formatDate(state.decision.at)}
                  </Text>
                </>
              ) : (
                "—"
              )}
            </Table.Cell>
            <Table.Cell className="whitespace-normal">{state.decision?.comment || "—"}</Table.Cell>
          </Table.Row>
        )
      })}
    </Table.Body>
  </Table>
)
