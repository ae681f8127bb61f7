import { describeSeed } from './seed-check';

describeSeed('001', '长沙市开福区医疗保障局 2020');
