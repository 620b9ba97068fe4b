-- POST /api/conversations/{id}/messages: lock the conversation, number the message, store it, audit it.
BEGIN;
SELECT c.* FROM conversations c WHERE c.id = :conversation FOR NO KEY UPDATE;
UPDATE conversations SET message_count = message_count + 1, last_message_at = now(), updated_at = now()
WHERE id = :conversation RETURNING message_count AS seq \gset
INSERT INTO messages (id, conversation_id, sequence_number, role, content, created_at)
VALUES (gen_random_uuid(), :conversation, :seq, 'user', 'How many tons did we sell in PR last month?', now());
INSERT INTO audit_logs (action, user_id, resource_type, resource_id, success, created_at, new_values)
VALUES ('message.create', :user, 'message', :conversation, true, now(), '{"role":"user"}');
COMMIT;
