import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { generatePassword } from '../../../lib/passwordPolicy';
import { useUsersT } from '../messages';

/**
 * A password an administrator sets for someone else: typed, or generated
 * and shown so it can be handed over. Used as a Form.Item's control.
 */
export function PasswordInput({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const t = useUsersT();
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoComplete="new-password"
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        styles={{ input: visible ? { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', letterSpacing: 1 } : {} }}
      />
      <Button
        icon={<ThunderboltOutlined />}
        onClick={() => {
          onChange?.(generatePassword());
          setVisible(true);
        }}
      >
        {t('generate')}
      </Button>
    </Space.Compact>
  );
}
